#!/usr/bin/env python3
"""A plain HTTP collector for the sink tests: appends each POST body to a
file, answers 200 (or the status given with --status), and serves on
127.0.0.1:PORT until killed. Prints "listening" once it accepts."""
import argparse
import http.server
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("port", type=int)
    ap.add_argument("out")
    ap.add_argument("--status", type=int, default=200)
    a = ap.parse_args()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if a.status == 200:
                with open(a.out, "ab") as f:
                    f.write(body)
                with open(a.out + ".requests", "a") as f:
                    f.write(self.headers.get("Content-Type", "") + "\n")
            self.send_response(a.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    http.server.ThreadingHTTPServer.allow_reuse_address = True
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    print("listening", flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
