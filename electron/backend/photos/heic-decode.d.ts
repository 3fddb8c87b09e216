// Minimal typing for heic-decode 2 (the package ships none).
declare module 'heic-decode' {
  interface DecodedImage {
    width: number;
    height: number;
    /** RGBA, 4 bytes per pixel. */
    data: Uint8ClampedArray;
  }
  interface HeicImage {
    width: number;
    height: number;
    decode(): Promise<DecodedImage>;
  }
  interface Decode {
    (opts: { buffer: Uint8Array }): Promise<DecodedImage>;
    /** Every image of the file, not yet decoded; call dispose() when done. */
    all(opts: { buffer: Uint8Array }): Promise<HeicImage[] & { dispose(): void }>;
  }
  const decode: Decode;
  export default decode;
}
