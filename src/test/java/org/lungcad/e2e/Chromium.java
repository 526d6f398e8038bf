package org.lungcad.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's real Chromium, headless, with a fresh profile per call: the DOM after the page's scripts ran, and a
 * screenshot. HTTP Basic credentials go in the URL (Chromium uses them for the page and its same-origin images).
 */
final class Chromium {

    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--virtual-time-budget=10000");

    private Chromium() {
    }

    /** The DOM as serialised after loading (images loaded, scripts and onload handlers run). */
    static String dumpDom(String url, Path profile) throws IOException, InterruptedException {
        Tools.Result r = Tools.run(command(profile, "--dump-dom", url));
        if (r.exitCode() != 0) {
            throw new IOException("chromium failed: " + r.output());
        }
        return r.output();
    }

    static void screenshot(String url, Path profile, Path png) throws IOException, InterruptedException {
        Tools.Result r = Tools.run(command(profile, "--window-size=1400,1000", "--screenshot=" + png, url));
        if (r.exitCode() != 0) {
            throw new IOException("chromium failed: " + r.output());
        }
    }

    private static List<String> command(Path profile, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("chromium");
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile.toAbsolutePath());
        command.addAll(List.of(arguments));
        return command;
    }
}
