import { describe, expect, it } from "vitest";
import { colourLevel } from "../../src/cli/colour.js";

describe("colourLevel", () => {
  const level = (env: Record<string, string>, isTTY = true, noColour = false) => colourLevel({ env, isTTY, noColour });

  it("colours terminals at the depth they announce", () => {
    expect(level({ TERM: "xterm" })).toBe(1);
    expect(level({ TERM: "xterm-256color" })).toBe(2);
    expect(level({ TERM: "xterm-256color", COLORTERM: "truecolor" })).toBe(3);
    expect(level({ TERM: "dumb" })).toBe(0);
    expect(level({ TERM: "xterm" }, false)).toBe(0);
  });

  it("lets --no-color and NO_COLOR win, and FORCE_COLOR force a level", () => {
    expect(level({ FORCE_COLOR: "3" }, true, true)).toBe(0);
    expect(level({ NO_COLOR: "1", FORCE_COLOR: "1" })).toBe(0);
    expect(level({ NO_COLOR: "" })).toBe(1);
    expect(level({ FORCE_COLOR: "" }, false)).toBe(1);
    expect(level({ FORCE_COLOR: "true" }, false)).toBe(1);
    expect(level({ FORCE_COLOR: "2" }, false)).toBe(2);
    expect(level({ FORCE_COLOR: "0" })).toBe(0);
    expect(level({ FORCE_COLOR: "false" })).toBe(0);
  });
});
