"""Writes the kernelspec logos (kernelspec/logo-32x32.png, logo-64x64.png, logo-svg.svg).

Drawn in code so the pictures can be regenerated without an image editor: an orange
rounded square (Swift) carrying a recurrent loop arrow (RNN). Uses only the standard library.
"""
import math
import struct
import zlib
from pathlib import Path

ORANGE = (240, 81, 56)
WHITE = (255, 255, 255)


def pixel(x, y, size):
    """Colour (r, g, b, a) of the pixel centre (x, y) in a size x size logo."""
    u, v = (x + 0.5) / size, (y + 0.5) / size
    radius = 0.18
    dx = max(abs(u - 0.5) - (0.5 - radius), 0)
    dy = max(abs(v - 0.5) - (0.5 - radius), 0)
    if math.hypot(dx, dy) > radius:
        return (0, 0, 0, 0)
    # A ring (the recurrent loop) with a gap on the right where the arrow head sits.
    d = math.hypot(u - 0.5, v - 0.5)
    angle = math.degrees(math.atan2(v - 0.5, u - 0.5)) % 360
    on_ring = 0.2 < d < 0.3 and not (330 < angle or angle < 15)
    head = (0.62 < u < 0.86) and abs(v - 0.42) < (0.86 - u) * 0.7 and v < 0.5
    if on_ring or head:
        return WHITE + (255,)
    return ORANGE + (255,)


def png(size):
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size)
    )

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
  <rect x="0" y="0" width="64" height="64" rx="11.5" fill="rgb(240,81,56)"/>
  <path d="M 51.2 32 A 19.2 19.2 0 1 1 46.5 19.4" fill="none" stroke="white" stroke-width="6.4"/>
  <path d="M 39.7 12.8 L 55 12.8 L 55 28.2 Z" fill="white"/>
</svg>
"""

if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "kernelspec"
    out.mkdir(exist_ok=True)
    for size in (32, 64):
        (out / f"logo-{size}x{size}.png").write_bytes(png(size))
    (out / "logo-svg.svg").write_text(SVG)
