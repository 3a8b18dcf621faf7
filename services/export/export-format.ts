import { TRANSACTION_OBJECT_NAME } from "../../core/contract/option-layout";

/** `cfg` and `conf` are the same options file under the two extensions Genesys's tools accept; `json` writes no options file. */
export const EXPORT_FORMATS = ["cfg", "conf", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The options file (sections general, saml, saml_auth, ewt). */
export const optionsFileName = (ext: "cfg" | "conf") => `${TRANSACTION_OBJECT_NAME}.${ext}`;
/** The Annex file (section annex). */
export const annexFileName = (ext: "cfg" | "conf") => `annex.${ext}`;
export const JSON_FILE = `${TRANSACTION_OBJECT_NAME}.json`;
export const README_FILE = "README.txt";

/**
 * Every name an export ever writes. A name of this list that the current export does
 * not write (another `--format` before) is removed, so the folder holds one export;
 * any other file in the folder is left alone.
 */
export const EXPORT_FILE_NAMES: readonly string[] = [
  optionsFileName("cfg"),
  optionsFileName("conf"),
  annexFileName("cfg"),
  annexFileName("conf"),
  JSON_FILE,
  README_FILE,
];
