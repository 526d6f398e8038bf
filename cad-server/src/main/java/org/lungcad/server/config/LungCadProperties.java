package org.lungcad.server.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lungcad.model.DetectorConfig;
import org.lungcad.model.classify.BundledModels;
import org.lungcad.model.detect.OperatingPoint;
import org.lungcad.model.engine.DetectorRuntime;
import org.lungcad.model.engine.EngineSelector;
import org.lungcad.model.score.BrockModel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Everything an operator configures, under the prefix {@code lungcad}; invalid values stop the start-up. */
@Validated
@ConfigurationProperties("lungcad")
public record LungCadProperties(
        @Valid @NotNull @DefaultValue Dicom dicom,
        @Valid @NotNull @DefaultValue Series series,
        @Valid @NotNull @DefaultValue Storage storage,
        @Valid @NotNull @DefaultValue Processing processing,
        @Valid @NotNull @DefaultValue Detector detector,
        @Valid @NotNull @DefaultValue List<Destination> destinations,
        @Valid @NotNull @DefaultValue Delivery delivery,
        @Valid @NotNull @DefaultValue Api api,
        @Valid @NotNull @DefaultValue Audit audit) {

    /**
     * The detector runtime these settings describe: one detector per worker on this machine's cores, the operating
     * point and Brock patient factors from {@code lungcad.detector} (unset values keep the detector's defaults).
     */
    public DetectorRuntime.Settings detectorRuntime() {
        OperatingPoint defaults = DetectorConfig.DEFAULT.operatingPoint();
        OperatingPoint.MinimumSize sizes = defaults.minimumByType();
        DetectorConfig config = DetectorConfig.DEFAULT.withOperatingPoint(new OperatingPoint(
                detector.scoreThreshold() != null ? detector.scoreThreshold() : defaults.threshold(),
                detector.maxMarksPerScan() != null ? detector.maxMarksPerScan() : defaults.maxMarksPerScan(),
                defaults.minDiameterMm(), defaults.maxDiameterMm(), new OperatingPoint.MinimumSize(
                        detector.minSolidMm() != null ? detector.minSolidMm() : sizes.solidMm(),
                        detector.minPartSolidMm() != null ? detector.minPartSolidMm() : sizes.partSolidMm(),
                        detector.minGroundGlassMm() != null ? detector.minGroundGlassMm() : sizes.groundGlassMm())));
        BrockModel.Config brock = new BrockModel.Config(detector.familyHistoryOfLungCancer(), detector.emphysema(),
                BrockModel.Config.DEFAULT.spiculationThreshold());
        EngineSelector.DevicePreference device = detector.device() == Detector.Device.CPU
                ? EngineSelector.DevicePreference.CPU : EngineSelector.DevicePreference.AUTO;
        return new DetectorRuntime.Settings(storage.directory().toAbsolutePath(), device, processing.workers(),
                Runtime.getRuntime().availableProcessors(), config, brock, learnedModelDirectory());
    }

    /**
     * The learned stage's model directory: {@code <models-directory>/<learned-model>}, the models directory defaulting
     * to {@code <storage>/models} (the runtime copies a bundled model there when it starts). Empty when turned off.
     */
    public Optional<Path> learnedModelDirectory() {
        if (Detector.NO_MODEL.equals(detector.learnedModel())) {
            return Optional.empty();
        }
        Path models = detector.modelsDirectory() != null ? detector.modelsDirectory()
                : storage.directory().resolve("models");
        return Optional.of(models.resolve(detector.learnedModel()).toAbsolutePath().normalize());
    }

    /** DICOM values follow PS3.5: an AE title is 1–16 characters of the default repertoire, no backslash. */
    static final String AE_TITLE = "^[ -\\[\\]-~]{1,16}$";

    /** The node's own DICOM listener. */
    public record Dicom(
            @NotBlank @Pattern(regexp = AE_TITLE) @DefaultValue("LUNGCAD") String aeTitle,
            @Min(0) @Max(65535) @DefaultValue("11112") int port,
            @NotBlank @DefaultValue("0.0.0.0") String bindAddress,
            @NotNull @DefaultValue Set<@Pattern(regexp = AE_TITLE) String> allowedCallingAeTitles,
            @Min(1) @Max(256) @DefaultValue("32") int maxAssociations,
            @NotNull @DefaultValue("60s") Duration socketTimeout,
            @NotNull @DefaultValue("5s") Duration associateRequestTimeout) {
    }

    /**
     * Series completion and the input rules a series must pass to be analysed.
     *
     * @param maxInstances instances one series may hold; beyond it each new one gets Out of Resources (A700)
     * @param maxBytes     bytes of files one series may hold in the spool; beyond it the same
     */
    public record Series(
            @NotNull @DefaultValue("5s") Duration quietPeriod,
            @NotNull @DefaultValue("24h") Duration retention,
            @Min(2) @Max(1_000_000) @DefaultValue("5000") int maxInstances,
            @NotNull @DefaultValue("8GB") DataSize maxBytes,
            @Valid @NotNull @DefaultValue Qualification qualification) {
    }

    /**
     * Overrides of the input qualification rules; anything left out keeps the gateway's default
     * ({@code QualificationRules.defaults()}: thin-slice axial chest CT, see docs/configuration.md).
     */
    public record Qualification(
            Set<String> modalities,
            Set<String> sopClassUids,
            Set<String> excludedImageTypes,
            @DecimalMin("0.1") Double minSliceThicknessMm,
            @DecimalMax("10.0") Double maxSliceThicknessMm,
            @DecimalMin("0.1") Double minSliceSpacingMm,
            @DecimalMax("10.0") Double maxSliceSpacingMm,
            @Min(2) Integer minSlices,
            @DecimalMin("0") Double minCoverageMm,
            @DecimalMin("0") @DecimalMax("45") Double maxObliquityDegrees,
            @DecimalMin("0") @DecimalMax("45") Double maxGantryTiltDegrees,
            Set<String> bodyPartsExamined,
            Boolean requirePixelSpacing) {
    }

    /**
     * Where spooled instances, the job database, results, models and the DJL native cache live.
     *
     * @param minFreeSpace the floor of usable space on its file system: below it new instances get Out of Resources
     *                     (A700) and readiness goes DOWN, so a full disk never breaks what is already stored
     */
    public record Storage(@NotNull @DefaultValue("./lungcad-data") Path directory,
                          @NotNull @DefaultValue("1GB") DataSize minFreeSpace) {

        public Path spool() {
            return directory.resolve("spool");
        }

        public Path results() {
            return directory.resolve("results");
        }
    }

    /**
     * How many series are analysed at once, and the largest volume one may load.
     *
     * @param workers   series analysed at once; each holds a whole CT volume in memory
     * @param maxVoxels the largest series (columns × rows × slices) that is loaded; a larger one is skipped
     *                  {@code VOLUME_TOO_LARGE} before any pixel is decoded. Lowered at start-up to what the Java heap
     *                  holds for every worker at once (4 bytes per voxel, docs/operations.md). The default, 300 M, is
     *                  1144 slices of 512×512 or 286 of 1024×1024
     * @param maxQueuedSeries while this many series wait for a worker, new associations are rejected transiently
     *                  (back-pressure: the sender retries later); those already open finish
     * @param analysisTimeout a series analysed longer is FAILED {@code analysis-timeout} at once, and its run stops at
     *                  its next stage (a 300-slice series takes about 20 s on 2 cores)
     */
    public record Processing(@Min(1) @Max(16) @DefaultValue("1") int workers,
                             @Min(1_000_000) @Max(Integer.MAX_VALUE - 8L) @DefaultValue("300000000") long maxVoxels,
                             @Min(1) @Max(100_000) @DefaultValue("100") int maxQueuedSeries,
                             @NotNull @DefaultValue("10m") Duration analysisTimeout) {

        public Processing {
            if (analysisTimeout != null && (analysisTimeout.isNegative() || analysisTimeout.isZero())) {
                throw new IllegalArgumentException("lungcad.processing.analysis-timeout must be positive, was "
                        + analysisTimeout);
            }
        }
    }

    /**
     * The detector's operating point and the Brock model's patient factors that the image cannot tell.
     * Unset operating-point values keep the detector's defaults (see docs/model-card.md).
     */
    public record Detector(
            @DecimalMin("0") @DecimalMax("1") Double scoreThreshold,
            @Min(0) @Max(100) Integer maxMarksPerScan,
            @DecimalMin("0") @DecimalMax("30") Double minSolidMm,
            @DecimalMin("0") @DecimalMax("30") Double minPartSolidMm,
            @DecimalMin("0") @DecimalMax("30") Double minGroundGlassMm,
            @DefaultValue("false") boolean familyHistoryOfLungCancer,
            @DefaultValue("false") boolean emphysema,
            @NotNull @DefaultValue("AUTO") Device device,
            @NotBlank @Pattern(regexp = MODEL_NAME) @DefaultValue(BundledModels.NODULE_FPR)
            String learnedModel,
            Path modelsDirectory) {

        /** {@code learned-model} value that turns the learned stage off. */
        public static final String NO_MODEL = "none";
        /** A model directory's name: no path separators, not hidden. */
        static final String MODEL_NAME = "^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$";

        /** AUTO uses a GPU when the CUDA natives and a device are present. */
        public enum Device { AUTO, CPU }
    }

    /**
     * Retries of result delivery: attempt n waits {@code initialBackoff × multiplier^(n-1)}, at most
     * {@code maxBackoff}; after {@code maxAttempts} the job is FAILED with the reason (and can be re-sent).
     */
    public record Delivery(
            @Min(1) @Max(100) @DefaultValue("8") int maxAttempts,
            @NotNull @DefaultValue("5s") Duration initialBackoff,
            @DecimalMin("1.0") @DecimalMax("10.0") @DefaultValue("2.0") double multiplier,
            @NotNull @DefaultValue("5m") Duration maxBackoff) {
    }

    /**
     * The audit trail: JSON lines in {@code <directory>/audit.jsonl}, rotated daily and at {@code maxFileSize} into
     * gzip files, the oldest removed after {@code maxHistoryDays} or above {@code totalSizeCap}.
     *
     * @param directory where it is written; default {@code <storage>/audit}
     */
    public record Audit(Path directory,
                        @NotNull @DefaultValue("10MB") DataSize maxFileSize,
                        @Min(1) @Max(3650) @DefaultValue("365") int maxHistoryDays,
                        @NotNull @DefaultValue("1GB") DataSize totalSizeCap) {
    }

    /** The audit trail's directory. */
    public Path auditDirectory() {
        return audit.directory() != null ? audit.directory() : storage.directory().resolve("audit");
    }

    /**
     * Who may use the REST API. Health, info, Prometheus and {@code /api/status} (counts, no patient data) are open;
     * reading studies and findings needs a {@link Role#READER}, anything that changes state an {@link Role#OPERATOR}.
     * None is configured by default: then patient data and changes are refused to everyone.
     */
    public record Api(@Valid @NotNull @DefaultValue List<ApiUser> users) {
    }

    /** What a REST user may do; an operator may read as well. */
    public enum Role {
        READER,
        OPERATOR
    }

    /**
     * One REST login (HTTP Basic).
     *
     * @param passwordHash the password as Spring Security's delegating encoder stores it, for example
     *                     {@code {bcrypt}$2a$10$...} (the {@code hash-password} command prints one); a plain
     *                     {@code {noop}} password is refused
     */
    public record ApiUser(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}") String username,
            @NotBlank @Pattern(regexp = "\\{(bcrypt|pbkdf2|pbkdf2@SpringSecurity_v5_8|argon2|argon2@SpringSecurity_v5_8"
                    + "|scrypt|scrypt@SpringSecurity_v5_8)}.+",
                    message = "must be a password hash such as {bcrypt}$2a$10$... (see the hash-password command)")
            String passwordHash,
            @NotNull Role role) {

        @Override
        public String toString() {
            // the hash stays out of logs and binding error messages
            return "ApiUser[" + username + ", " + role + "]";
        }
    }

    /** A PACS (or other Storage SCP) that receives the results. */
    public record Destination(
            @NotBlank @Pattern(regexp = AE_TITLE) String aeTitle,
            @NotBlank String host,
            @Min(1) @Max(65535) int port) {

        @Override
        public String toString() {
            return aeTitle + "@" + host + ":" + port;
        }
    }
}
