#!/usr/bin/python3
"""libvips comparison for BENCHMARKS.md, in memory and on one thread: vips_thumbnail_buffer
(which shrinks on load by itself) -> vips_jpegsave_buffer / vips_pngsave_buffer, called through
ctypes on Debian's libvips (no pyvips package on Debian 12). From the repository root:
    /usr/bin/python3 bench/vips.py [seconds] [rounds] [WORKLOAD,...] [SET,...]
Prints one JSON object per line, like bench/python_cv2.py.
"""
import ctypes
import ctypes.util

import harness

VIPS_SIZE_FORCE = 3  # VipsSize: BOTH=0, UP=1, DOWN=2, FORCE=3
WORKLOADS = {
    "SEED": (500, 500, True, "jpg", 95),
    "THUMBNAIL": (256, 256, False, "jpg", 85),
    "PNG": (1024, 1024, False, "png", 6),
}

vips = ctypes.CDLL(ctypes.util.find_library("vips") or "libvips.so.42")
glib = ctypes.CDLL(ctypes.util.find_library("glib-2.0") or "libglib-2.0.so.0")
gobj = ctypes.CDLL(ctypes.util.find_library("gobject-2.0") or "libgobject-2.0.so.0")
if vips.vips_init(b"bench") != 0:
    raise SystemExit("vips_init failed")
vips.vips_concurrency_set(1)   # one thread, like the other single-thread numbers
vips.vips_cache_set_max(0)     # no operation cache: every call does the work
vips.vips_version_string.restype = ctypes.c_char_p
c_p = ctypes.c_void_p


def job(data, spec):
    tw, th, exact, fmt, q = spec
    buf = ctypes.create_string_buffer(data, len(data))

    def run():
        img = c_p()
        if exact:
            rc = vips.vips_thumbnail_buffer(buf, ctypes.c_size_t(len(data)), ctypes.byref(img), ctypes.c_int(tw),
                                            b"height", ctypes.c_int(th), b"size", ctypes.c_int(VIPS_SIZE_FORCE), None)
        else:
            rc = vips.vips_thumbnail_buffer(buf, ctypes.c_size_t(len(data)), ctypes.byref(img), ctypes.c_int(tw),
                                            b"height", ctypes.c_int(th), None)
        if rc != 0:
            raise RuntimeError("thumbnail failed")
        out = c_p()
        n = ctypes.c_size_t()
        if fmt == "jpg":
            rc = vips.vips_jpegsave_buffer(img, ctypes.byref(out), ctypes.byref(n), b"Q", ctypes.c_int(q), None)
        else:
            rc = vips.vips_pngsave_buffer(img, ctypes.byref(out), ctypes.byref(n), b"compression", ctypes.c_int(q), None)
        gobj.g_object_unref(img)
        if rc != 0:
            raise RuntimeError("save failed")
        result = ctypes.string_at(out, n.value)
        glib.g_free(out)
        return result
    return run


if __name__ == "__main__":
    harness.main("libvips " + vips.vips_version_string().decode(), WORKLOADS,
                 lambda spec, items: {"libvips": [job(d, spec) for d in items]})
