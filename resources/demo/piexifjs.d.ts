// Minimal typing for the parts of piexifjs the demo uses (the package ships no types).
declare module 'piexifjs' {
  type Rational = [number, number];
  type IfdValue = string | number | number[] | Rational | Rational[];
  type Ifd = Record<number, IfdValue>;
  interface ExifDict {
    '0th'?: Ifd;
    Exif?: Ifd;
    GPS?: Ifd;
    Interop?: Ifd;
    '1st'?: Ifd;
    thumbnail?: string | null;
  }
  interface Piexif {
    /** Serialises an EXIF dictionary to a binary (latin1) string. */
    dump(exif: ExifDict): string;
    /** Inserts EXIF into a JPEG given as a binary string (or data URL); returns a binary string. */
    insert(exif: string, jpeg: string): string;
    load(jpeg: string): ExifDict;
    remove(jpeg: string): string;
    ImageIFD: Record<string, number>;
    ExifIFD: Record<string, number>;
    GPSIFD: Record<string, number>;
    GPSHelper: {
      degToDmsRational(deg: number): [Rational, Rational, Rational];
      dmsRationalToDeg(dms: Rational[], ref: string): number;
    };
  }
  const piexif: Piexif;
  export default piexif;
}
