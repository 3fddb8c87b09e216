import { describe, expect, it } from 'vitest';
import { distanceMetres, gcj02ToWgs84, outOfChina, wgs84ToGcj02 } from '../../../shared/geo';

/**
 * Reference points from googollee/eviltransform, go/transform_test.go
 * (https://github.com/googollee/eviltransform): WGS-84 → GCJ-02 pairs for Shanghai, Shenzhen, Beijing.
 */
const VECTORS = [
  {
    name: 'shanghai',
    wgs: { lat: 31.1774276, lng: 121.5272106 },
    gcj: { lat: 31.17530398364597, lng: 121.531541859215 },
  },
  {
    name: 'shenzhen',
    wgs: { lat: 22.543847, lng: 113.912316 },
    gcj: { lat: 22.540796131694766, lng: 113.9171764808363 },
  },
  {
    name: 'beijing',
    wgs: { lat: 39.911954, lng: 116.377817 },
    gcj: { lat: 39.91334545536069, lng: 116.38404722455657 },
  },
];

describe('WGS-84 ⇄ GCJ-02', () => {
  it.each(VECTORS)('forward matches the published reference for $name', ({ wgs, gcj }) => {
    const got = wgs84ToGcj02(wgs);
    expect(got.lat).toBeCloseTo(gcj.lat, 9);
    expect(got.lng).toBeCloseTo(gcj.lng, 9);
  });

  it.each(VECTORS)('inverse recovers WGS-84 within 0.5 m for $name', ({ wgs, gcj }) => {
    expect(distanceMetres(gcj02ToWgs84(gcj), wgs)).toBeLessThan(0.5);
  });

  it('round-trips across Heilongjiang and the rest of China to well under 0.5 m', () => {
    let worst = 0;
    for (let lat = 18; lat <= 53; lat += 1.7) {
      for (let lng = 74; lng <= 134; lng += 2.3) {
        const p = { lat, lng };
        worst = Math.max(worst, distanceMetres(gcj02ToWgs84(wgs84ToGcj02(p)), p));
      }
    }
    expect(worst).toBeLessThan(0.01);
  });

  it('offsets a Harbin point by a few hundred metres', () => {
    const harbin = { lat: 45.7567, lng: 126.6424 };
    const d = distanceMetres(harbin, wgs84ToGcj02(harbin));
    expect(d).toBeGreaterThan(100);
    expect(d).toBeLessThan(1000);
  });

  it('passes coordinates outside China through unchanged', () => {
    const paris = { lat: 48.8584, lng: 2.2945 };
    const tokyo = { lat: 35.6586, lng: 139.7454 };
    expect(outOfChina(paris)).toBe(true);
    expect(outOfChina(tokyo)).toBe(true);
    expect(wgs84ToGcj02(paris)).toEqual(paris);
    expect(gcj02ToWgs84(tokyo)).toEqual(tokyo);
    expect(outOfChina({ lat: 45.75, lng: 126.63 })).toBe(false);
  });
});

describe('distanceMetres', () => {
  it('is zero for the same point and symmetric', () => {
    const a = { lat: 45.75, lng: 126.63 };
    const b = { lat: 45.8, lng: 126.7 };
    expect(distanceMetres(a, a)).toBe(0);
    expect(distanceMetres(a, b)).toBeCloseTo(distanceMetres(b, a), 6);
  });

  it('gives one degree of latitude ≈ 111.2 km and known city distances', () => {
    expect(distanceMetres({ lat: 45, lng: 126 }, { lat: 46, lng: 126 })).toBeCloseTo(111_195, -1);
    // Beijing ↔ Shanghai is about 1,068 km great-circle.
    const d = distanceMetres({ lat: 39.9042, lng: 116.4074 }, { lat: 31.2304, lng: 121.4737 });
    expect(d / 1000).toBeGreaterThan(1060);
    expect(d / 1000).toBeLessThan(1075);
  });
});
