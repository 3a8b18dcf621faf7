/**
 * SAML key and certificate toolkit: node-forge in place of the Genesys procedure's
 * openssl steps, and the checks the synthesis code runs on a tenant's cert.pem.
 * Importing this does not load node-forge; only generating keys does.
 */
export { CertError } from "./errors";
export {
  decodeOpensslBase64,
  findPemBlock,
  opensslBase64,
  parsePemBlocks,
  pemBody,
  type PemBlock,
} from "./pem";
export {
  EXPIRY_WARNING_DAYS,
  certificateValidity,
  checkCertificate,
  isoDate,
  parseCertificate,
  readCertificate,
  type CertificateCheck,
  type CertificateInfo,
  type Validity,
  type ValidityState,
} from "./certificate-check";
export { KEY_FORMATS, encryptPrivateKey, validateKeyFormat, type KeyFormat } from "./encrypted-key";
export { KEY_SIZES, generateRsaKeyPair, type KeySize, type RsaKeyPair } from "./key-pair";
export {
  DEFAULT_VALIDITY_DAYS,
  createSelfSignedCertificate,
  validateSubject,
  validateValidityDays,
  type CertificateSubject,
} from "./self-signed-certificate";
export { PasswordRequiredError, readPrivateKey, type PrivateKeyFile } from "./private-key";
export {
  MIN_PASSWORD_LENGTH,
  PASSWORD_ENV,
  readKeyPassword,
  requireNewKeyPassword,
  type KeyPassword,
} from "./password";
export { defaultSubject, tenantCertDir, validateTenantName } from "./tenant";
export { writeFileSet, type FileToWrite } from "./file-set";
export {
  CERT_SET_FILES,
  CERT_SET_FILE_NAMES,
  buildCertSet,
  createCertSet,
  existingSetFiles,
  type CertSetOptions,
} from "./cert-set";
export { createNextCertSet, NEXT_DIR, PREVIOUS_DIR, readCurrentSet, rotateCertSet, type CurrentSet, type NextSet, type Rotation } from "./rotation";
export {
  inspectCertSet,
  type CertSetReport,
  type CheckStatus,
  type SetCheck,
} from "./cert-set-inspection";
