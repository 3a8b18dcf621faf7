import { renderOptionsFile } from "./cfg-format";
import { annexFileName, JSON_FILE, optionsFileName, README_FILE, type ExportFormat } from "./export-format";
import { TRANSACTION_OBJECT_NAME, TRANSACTION_OBJECT_TYPE } from "../../core/contract/option-layout";
import { exportReadme } from "./readme-text";
import { holdsSecrets, outputValuesAt, sectionsAt, type TransactionObject } from "./transaction-object";

/** One file of a tenant's export folder. */
export interface ExportFile {
  readonly name: string;
  readonly content: string;
  /** Holds a secret value: written 0600 in a 0700 folder. */
  readonly secret: boolean;
}

/** The JSON file's shape: the whole object, for tools other than Configuration Server's. */
export interface ExportJson {
  readonly tenant: string;
  readonly name: typeof TRANSACTION_OBJECT_NAME;
  readonly type: typeof TRANSACTION_OBJECT_TYPE;
  /** Sections of the object's options; values exactly as Terraform output them. */
  readonly options: Record<string, Record<string, string>>;
  /** Sections of the object's Annex. */
  readonly annex: Record<string, Record<string, string>>;
  /** Secret options left out of this export (`section/option`), to be entered by hand. */
  readonly omittedSecrets: string[];
}

/**
 * The files of one tenant's export, in the order they are listed. Deterministic (no
 * dates): the same outputs give the same bytes, so an unchanged export stays unchanged.
 */
export function exportFiles(object: TransactionObject, format: ExportFormat): ExportFile[] {
  const files: ExportFile[] = [];
  if (format !== "json") {
    files.push({ name: optionsFileName(format), content: renderOptionsFile(sectionsAt(object, "options")), secret: holdsSecrets(object, "options") });
    files.push({ name: annexFileName(format), content: renderOptionsFile(sectionsAt(object, "annex")), secret: holdsSecrets(object, "annex") });
  }
  const json: ExportJson = {
    tenant: object.tenant,
    name: TRANSACTION_OBJECT_NAME,
    type: TRANSACTION_OBJECT_TYPE,
    options: outputValuesAt(object, "options"),
    annex: outputValuesAt(object, "annex"),
    omittedSecrets: [...object.omittedSecrets],
  };
  files.push({ name: JSON_FILE, content: JSON.stringify(json, null, 2) + "\n", secret: holdsSecrets(object) });
  files.push({ name: README_FILE, content: exportReadme(object, format, [...files.map((f) => f.name), README_FILE]), secret: false });
  return files;
}
