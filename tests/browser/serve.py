#!/usr/bin/env python3
"""A static HTTP server on a free port of 127.0.0.1, for the link checker.

  serve.py <folder>

Prints the port, then serves <folder> until stopped. Every answer carries a
"LinkChecker" header: LinkChecker then allows itself more than 10 requests
per second to this host (linkcheckerrc: maxrequestspersecond).
"""
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, format, *args):
        pass


def main():
    handler = functools.partial(Handler, directory=sys.argv[1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
