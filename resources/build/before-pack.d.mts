/** The electron-builder beforePack hook (before-pack.mjs), as the tests call it. */
export interface PackContext {
  packager: { projectDir: string; platform: { buildConfigurationKey: string } };
  arch: number;
}
export default function beforePack(context: PackContext): Promise<void>;
