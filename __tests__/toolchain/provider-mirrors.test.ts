import { mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { findInMirror, localMirrors, PLATFORM } from "../../toolchain/provider-mirrors";
import { loadProviderPins } from "../../core/toolchain/providers";
import { REPO_ROOT } from "../../testing/repo";

const genesyscloud = loadProviderPins(REPO_ROOT).find((p) => p.type === "genesyscloud")!;

describe("site provider mirrors", () => {
  test("are tried in order: HYBRID_PROVIDER_MIRROR, then Terraform's implied local mirror directories", () => {
    // given a user mirror and XDG folders
    const env = { HYBRID_PROVIDER_MIRROR: "mirror", XDG_DATA_HOME: "/data", XDG_DATA_DIRS: "/opt/share:/usr/share" };
    // when the mirrors are listed
    const mirrors = localMirrors(env, "/home/ops");
    // then
    expect(mirrors.map((m) => m.dir)).toEqual([
      join(process.cwd(), "mirror"),
      "/home/ops/.terraform.d/plugins",
      "/data/terraform/plugins",
      "/opt/share/terraform/plugins",
      "/usr/share/terraform/plugins",
    ]);
  });

  test("default to ~/.local/share and /usr/local/share:/usr/share, as Terraform does", () => {
    expect(localMirrors({}, "/home/ops").map((m) => m.dir)).toEqual([
      "/home/ops/.terraform.d/plugins",
      "/home/ops/.local/share/terraform/plugins",
      "/usr/local/share/terraform/plugins",
      "/usr/share/terraform/plugins",
    ]);
  });

  test("hold a provider unpacked (as installed by hand) or packed (as `terraform providers mirror` writes)", () => {
    // given one mirror of each layout, and an empty one
    const root = mkdtempSync(join(tmpdir(), "mirrors-"));
    const unpacked = join(root, "unpacked", "registry.terraform.io", "mypurecloud", "genesyscloud", "1.82.0", PLATFORM);
    mkdirSync(unpacked, { recursive: true });
    writeFileSync(join(unpacked, "terraform-provider-genesyscloud_v1.82.0"), "");
    const packed = join(root, "packed", "registry.terraform.io", "mypurecloud", "genesyscloud");
    mkdirSync(packed, { recursive: true });
    writeFileSync(join(packed, `terraform-provider-genesyscloud_1.82.0_${PLATFORM}.zip`), "");
    mkdirSync(join(root, "empty", "registry.terraform.io", "mypurecloud", "genesyscloud", "1.82.0", PLATFORM), { recursive: true });

    // when / then
    expect(findInMirror(genesyscloud, join(root, "unpacked"))).toEqual({ kind: "unpacked", path: unpacked });
    expect(findInMirror(genesyscloud, join(root, "packed"))?.kind).toBe("packed");
    expect(findInMirror(genesyscloud, join(root, "empty"))).toBeUndefined();
    expect(findInMirror({ ...genesyscloud, version: "1.83.0" }, join(root, "unpacked"))).toBeUndefined();
  });
});
