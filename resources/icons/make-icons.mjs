#!/usr/bin/env node
/**
 * Draws the app icon (icon.svg) and renders the PNGs electron-builder uses:
 * icon.png (1024×1024, mac/win/linux are converted from it) and icon-512.png.
 * Shapes only, no text, so the result does not depend on the fonts installed.
 *
 *   node resources/icons/make-icons.mjs
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = dirname(fileURLToPath(import.meta.url));

// A deep-blue rounded square, a white clipboard with ledger lines, a gold clip, and a check mark.
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024" viewBox="0 0 1024 1024">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2458b3"/>
      <stop offset="1" stop-color="#143a7a"/>
    </linearGradient>
    <linearGradient id="clip" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#f2c14e"/>
      <stop offset="1" stop-color="#d49a1f"/>
    </linearGradient>
  </defs>
  <rect x="64" y="64" width="896" height="896" rx="200" fill="url(#bg)"/>
  <rect x="262" y="214" width="500" height="620" rx="48" fill="#ffffff"/>
  <rect x="392" y="170" width="240" height="104" rx="36" fill="url(#clip)"/>
  <rect x="452" y="196" width="120" height="34" rx="17" fill="#143a7a" opacity="0.85"/>
  <g fill="#c9d6ee">
    <rect x="330" y="350" width="364" height="30" rx="15"/>
    <rect x="330" y="420" width="300" height="30" rx="15"/>
    <rect x="330" y="490" width="220" height="30" rx="15"/>
  </g>
  <path d="M 372 640 L 462 730 L 664 548" fill="none" stroke="#1f6fd1" stroke-width="64" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;

writeFileSync(join(here, 'icon.svg'), svg);
await sharp(Buffer.from(svg)).resize(1024, 1024).png().toFile(join(here, 'icon.png'));
await sharp(Buffer.from(svg)).resize(512, 512).png().toFile(join(here, 'icon-512.png'));
console.log('wrote icon.svg, icon.png (1024), icon-512.png');
