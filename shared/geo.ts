/**
 * Coordinates: photo GPS is WGS-84, project positions come from Chinese map apps in GCJ-02
 * ("Mars coordinates", offset by a few hundred metres). Convert before comparing.
 * The GCJ-02 forward formula is the widely published one (Krasovsky ellipsoid constants).
 */
import type { LatLng } from './domain/primitives';

const KRASOVSKY_A = 6_378_245.0;
const KRASOVSKY_EE = 0.006_693_421_622_965_943;
/** Mean Earth radius (IUGG), for haversine distances. */
const EARTH_RADIUS_M = 6_371_008.8;

/** GCJ-02 only applies inside mainland China's bounding box; elsewhere coordinates pass through. */
export function outOfChina({ lat, lng }: LatLng): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function offsetLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function offsetLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** GCJ-02 minus WGS-84 at a WGS-84 point, in degrees. */
function gcjDelta({ lat, lng }: LatLng): LatLng {
  const dLat = offsetLat(lng - 105, lat - 35);
  const dLng = offsetLng(lng - 105, lat - 35);
  const radLat = (lat / 180) * Math.PI;
  const s = Math.sin(radLat);
  const magic = 1 - KRASOVSKY_EE * s * s;
  const sqrtMagic = Math.sqrt(magic);
  return {
    lat: (dLat * 180) / (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI),
    lng: (dLng * 180) / ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI),
  };
}

export function wgs84ToGcj02(p: LatLng): LatLng {
  if (outOfChina(p)) return { lat: p.lat, lng: p.lng };
  const d = gcjDelta(p);
  return { lat: p.lat + d.lat, lng: p.lng + d.lng };
}

/**
 * The inverse has no closed form: fixed-point iteration w ← w − (gcj(w) − g) converges fast
 * because the offset varies slowly; 1e-9° (~0.1 mm) is reached in a handful of steps.
 */
export function gcj02ToWgs84(g: LatLng): LatLng {
  if (outOfChina(g)) return { lat: g.lat, lng: g.lng };
  let w = { lat: g.lat, lng: g.lng };
  for (let i = 0; i < 30; i++) {
    const back = wgs84ToGcj02(w);
    const eLat = back.lat - g.lat;
    const eLng = back.lng - g.lng;
    w = { lat: w.lat - eLat, lng: w.lng - eLng };
    if (Math.abs(eLat) < 1e-9 && Math.abs(eLng) < 1e-9) break;
  }
  return w;
}

/** Great-circle (haversine) distance in metres. */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
