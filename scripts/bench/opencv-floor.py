"""The OpenCV floor of issue 20: cv2.imread(path, cv2.IMREAD_UNCHANGED) of every class and
object PNG of a bench dataset, in one process, and nothing else. Run by scripts/bench.mjs with a
Python that has cv2 (Debian's python3-opencv); prints one JSON line
{ seconds, cpuSeconds, files, maxRssKb, opencv }, or { skipped } when cv2 cannot be imported."""
import json
import os
import resource
import sys
import time

try:
    import cv2
except ImportError as error:
    print(json.dumps({"skipped": f"{sys.executable} cannot import cv2 ({error}); on Debian: apt-get install python3-opencv"}))
    sys.exit(0)

folder = sys.argv[1]
paths = []
for entry in sorted(os.listdir(folder)):
    sub = os.path.join(folder, entry)
    if os.path.isdir(sub):
        paths.extend(os.path.join(sub, name) for name in sorted(os.listdir(sub)) if name.endswith(".png"))
started = time.perf_counter()
cpu_started = time.process_time()
for path in paths:
    if cv2.imread(path, cv2.IMREAD_UNCHANGED) is None:
        raise SystemExit(f"cv2.imread could not read {path}")
seconds = time.perf_counter() - started
cpu_seconds = time.process_time() - cpu_started
print(json.dumps({"seconds": seconds, "cpuSeconds": cpu_seconds, "files": len(paths), "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "opencv": cv2.__version__}))
