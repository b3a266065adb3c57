"""Distance on the globe: one place for it (gazetteer building, resolution, merging)."""

from __future__ import annotations

import math

EARTH_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def segment_km(lat: float, lon: float, lat1: float, lon1: float, lat2: float,
               lon2: float) -> float:
    """Distance in km from a point to the straight line between two others (a road named by
    its two towns), on a local flat projection: good to a few percent over a few hundred km."""
    scale = math.cos(math.radians((lat1 + lat2) / 2))
    ax, ay = (lon1 - lon) * scale, lat1 - lat
    bx, by = (lon2 - lon) * scale, lat2 - lat
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
    x, y = ax + t * dx, ay + t * dy
    return haversine_km(lat, lon, lat + y, lon + x / scale) if scale else haversine_km(
        lat, lon, lat1, lon1)
