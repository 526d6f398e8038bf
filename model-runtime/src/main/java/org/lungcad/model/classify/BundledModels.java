package org.lungcad.model.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.lungcad.model.engine.ModelDescriptorReader;

/**
 * The model that ships inside model-runtime's jar. A model is loaded from a directory (the same path as a site's own
 * model dropped into the models directory), so the bundled one is first copied out of the jar into
 * {@code <models directory>/<name>}; its checksum is verified when it is opened, like any other.
 */
public final class BundledModels {

    /** Directory name of the shipped learned false-positive-reduction model. */
    public static final String NODULE_FPR = "lungcad-nodule-fpr-1.0.0";
    private static final String RESOURCES = "/org/lungcad/model/classify/models/";

    private BundledModels() {
    }

    /** Whether {@code name} is a model shipped in the jar. */
    public static boolean isBundled(String name) {
        return BundledModels.class.getResource(RESOURCES + name + "/" + ModelDescriptorReader.FILE_NAME) != null;
    }

    /**
     * Copies the bundled model {@code name} into {@code modelsDirectory/name} (replacing what is there, so the copy is
     * always the jar's) and returns that directory.
     */
    public static Path extract(String name, Path modelsDirectory) throws IOException {
        String base = RESOURCES + name + "/";
        Properties p = new Properties();
        try (InputStream in = resource(base + ModelDescriptorReader.FILE_NAME)) {
            p.load(in);
        }
        Path dir = modelsDirectory.resolve(name);
        Files.createDirectories(dir);
        for (String file : new String[] {ModelDescriptorReader.FILE_NAME, p.getProperty("weights.file")}) {
            Path tmp = Files.createTempFile(dir, ".extract", ".tmp");
            try (InputStream in = resource(base + file)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return dir;
    }

    private static InputStream resource(String path) {
        InputStream in = BundledModels.class.getResourceAsStream(path);
        if (in == null) {
            throw new UncheckedIOException(new IOException("no bundled resource " + path));
        }
        return in;
    }
}
