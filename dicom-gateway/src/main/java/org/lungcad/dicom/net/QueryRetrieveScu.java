package org.lungcad.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DateAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.network.Association;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.FindSOPClassSCU;
import com.pixelmed.network.IdentifierHandler;
import com.pixelmed.network.MoveSOPClassSCU;
import com.pixelmed.network.PresentationContext;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Query/Retrieve SCU, Study Root information model (PS3.4 C.6.2), over PixelMed: C-FIND for a patient's studies and a
 * study's series, C-MOVE of a study or series to an AE the archive knows (normally this node's own Storage SCP). One
 * association per call, no retries; the archive's failure statuses come back as values, its absence as IOException.
 */
public final class QueryRetrieveScu {

    private static final Logger log = LoggerFactory.getLogger(QueryRetrieveScu.class);
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String FIND = SOPClass.StudyRootQueryRetrieveInformationModelFind;
    private static final String MOVE = SOPClass.StudyRootQueryRetrieveInformationModelMove;
    /** How PixelMed's MoveSOPClassSCU words a failure status of the final C-MOVE response it throws for. */
    private static final Pattern FAILURE_STATUS = Pattern.compile("failure status 0x([0-9a-fA-F]{4})");

    private final Duration readTimeout;

    /**
     * @param readTimeout longest wait for the archive once the association is up; a C-MOVE waits for its last
     *                    sub-operation's response, so it must cover the whole transfer's pauses, not its length
     */
    public QueryRetrieveScu(Duration readTimeout) {
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("readTimeout must be positive: " + readTimeout);
        }
        this.readTimeout = readTimeout;
    }

    /** What to look for: one patient's studies dated in a range (both ends inclusive). */
    public record StudyQuery(String patientId, String issuerOfPatientId, LocalDate earliest, LocalDate latest) {
        public StudyQuery {
            if (patientId == null || patientId.isBlank()) {
                throw new IllegalArgumentException("a prior is only looked for with a Patient ID");
            }
            if (patientId.contains("*") || patientId.contains("?") || patientId.contains("\\")) {
                throw new IllegalArgumentException("Patient ID with wildcard or backslash: " + patientId);
            }
            Objects.requireNonNull(earliest, "earliest");
            Objects.requireNonNull(latest, "latest");
            if (latest.isBefore(earliest)) {
                throw new IllegalArgumentException("date range " + earliest + ".." + latest + " is empty");
            }
        }
    }

    /** One study the archive returned; values it did not return are empty (dates null). */
    public record StudyMatch(String studyInstanceUid, String patientId, String issuerOfPatientId, LocalDate studyDate,
                             String modalitiesInStudy, String studyDescription) {
    }

    /** One series of a study. {@code instances} is -1 when the archive did not say. */
    public record SeriesMatch(String seriesInstanceUid, String modality, String seriesNumber, String seriesDescription,
                              int instances) {
    }

    /** The final C-MOVE response status (PS3.4 C.4.2.1.5: 0000 success, B000 some failed, A7xx, A801, C…). */
    public record MoveOutcome(int status) {
        public boolean success() {
            return status == DimseStatus.SUCCESS;
        }

        @Override
        public String toString() {
            return DimseStatus.toHex(status);
        }
    }

    /**
     * The patient's studies in the date range, most recent first. Matching is on Patient ID (and Issuer, when given)
     * and Study Date; a study the archive returns for another patient or outside the range is dropped, since not
     * every archive honours every key.
     */
    public List<StudyMatch> findStudies(DicomNode archive, String callingAeTitle, StudyQuery query)
            throws IOException {
        AttributeList identifier = new AttributeList();
        try {
            put(identifier, new CodeStringAttribute(TagFromName.QueryRetrieveLevel), "STUDY");
            put(identifier, new LongStringAttribute(TagFromName.PatientID), query.patientId());
            if (query.issuerOfPatientId() != null && !query.issuerOfPatientId().isBlank()) {
                put(identifier, new LongStringAttribute(TagFromName.IssuerOfPatientID), query.issuerOfPatientId());
            }
            put(identifier, new DateAttribute(TagFromName.StudyDate),
                    DA.format(query.earliest()) + "-" + DA.format(query.latest()));
            put(identifier, new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID), null);
            put(identifier, new CodeStringAttribute(TagFromName.ModalitiesInStudy), null);
            put(identifier, new LongStringAttribute(TagFromName.StudyDescription), null);
        } catch (DicomException e) {
            throw new IllegalArgumentException("query cannot be encoded: " + e.getMessage(), e);
        }
        List<StudyMatch> matches = new ArrayList<>();
        find(archive, callingAeTitle, identifier, a -> {
            StudyMatch m = new StudyMatch(string(a, TagFromName.StudyInstanceUID), string(a, TagFromName.PatientID),
                    string(a, TagFromName.IssuerOfPatientID), date(a), string(a, TagFromName.ModalitiesInStudy),
                    string(a, TagFromName.StudyDescription));
            boolean samePatient = m.patientId().equals(query.patientId()) && (query.issuerOfPatientId() == null
                    || m.issuerOfPatientId().isEmpty() || m.issuerOfPatientId().equals(query.issuerOfPatientId()));
            boolean inRange = m.studyDate() != null && !m.studyDate().isBefore(query.earliest())
                    && !m.studyDate().isAfter(query.latest());
            if (samePatient && inRange && !m.studyInstanceUid().isEmpty()) {
                matches.add(m);
            } else {
                log.warn("C-FIND at {}: study {} dropped (patient or date outside the query)", archive,
                        m.studyInstanceUid());
            }
        });
        matches.sort(Comparator.comparing(StudyMatch::studyDate).reversed());
        return matches;
    }

    /** The study's series with modality, number, description and instance count. */
    public List<SeriesMatch> findSeries(DicomNode archive, String callingAeTitle, String studyInstanceUid)
            throws IOException {
        AttributeList identifier = new AttributeList();
        try {
            put(identifier, new CodeStringAttribute(TagFromName.QueryRetrieveLevel), "SERIES");
            put(identifier, new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID), studyInstanceUid);
            put(identifier, new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID), null);
            put(identifier, new CodeStringAttribute(TagFromName.Modality), null);
            put(identifier, new IntegerStringAttribute(TagFromName.SeriesNumber), null);
            put(identifier, new LongStringAttribute(TagFromName.SeriesDescription), null);
            put(identifier, new IntegerStringAttribute(TagFromName.NumberOfSeriesRelatedInstances), null);
        } catch (DicomException e) {
            throw new IllegalArgumentException("query cannot be encoded: " + e.getMessage(), e);
        }
        List<SeriesMatch> matches = new ArrayList<>();
        find(archive, callingAeTitle, identifier, a -> matches.add(new SeriesMatch(
                string(a, TagFromName.SeriesInstanceUID), string(a, TagFromName.Modality),
                string(a, TagFromName.SeriesNumber), string(a, TagFromName.SeriesDescription),
                Attribute.getSingleIntegerValueOrDefault(a, TagFromName.NumberOfSeriesRelatedInstances, -1))));
        return matches;
    }

    /**
     * C-MOVE of a study, or of one of its series, to {@code destinationAeTitle}; returns when the archive sent its
     * final response. The instances arrive on the destination's own associations.
     */
    public MoveOutcome move(DicomNode archive, String callingAeTitle, String destinationAeTitle,
                            String studyInstanceUid, String seriesInstanceUid) throws IOException {
        StorageScpConfig.requireAeTitle(destinationAeTitle, "destinationAeTitle");
        AttributeList identifier = new AttributeList();
        try {
            put(identifier, new CodeStringAttribute(TagFromName.QueryRetrieveLevel),
                    seriesInstanceUid == null ? "STUDY" : "SERIES");
            put(identifier, new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID), studyInstanceUid);
            if (seriesInstanceUid != null) {
                put(identifier, new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID), seriesInstanceUid);
            }
        } catch (DicomException e) {
            throw new IllegalArgumentException("move request cannot be encoded: " + e.getMessage(), e);
        }
        Association association = StorageScu.open(archive, callingAeTitle, contexts(MOVE));
        PixelMedTuning.setReadTimeout(association, readTimeout);
        try {
            MoveSOPClassSCU move = new MoveSOPClassSCU(association, destinationAeTitle, MOVE, identifier);
            MoveOutcome outcome = new MoveOutcome(move.getStatus());
            log.info("C-MOVE at {} of study {} series {} to {}: {}", archive, studyInstanceUid,
                    seriesInstanceUid == null ? "(all)" : seriesInstanceUid, destinationAeTitle, outcome);
            StorageScu.releaseQuietly(association, archive);
            return outcome;
        } catch (DicomNetworkException e) {
            // PixelMed throws for a failure status in the final response rather than returning it
            Matcher status = FAILURE_STATUS.matcher(String.valueOf(e.getMessage()));
            if (status.find()) {
                MoveOutcome outcome = new MoveOutcome(Integer.parseInt(status.group(1), 16));
                log.warn("C-MOVE at {} of study {} to {}: {}", archive, studyInstanceUid, destinationAeTitle, outcome);
                StorageScu.releaseQuietly(association, archive);
                return outcome;
            }
            StorageScu.abortQuietly(association);
            throw new IOException("C-MOVE at " + archive + " failed: " + e.getMessage(), e);
        } catch (DicomException e) {
            StorageScu.abortQuietly(association);
            throw new IOException("C-MOVE at " + archive + " got an unreadable response: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface MatchHandler {
        void accept(AttributeList identifier);
    }

    private void find(DicomNode archive, String callingAeTitle, AttributeList identifier, MatchHandler handler)
            throws IOException {
        Association association = StorageScu.open(archive, callingAeTitle, contexts(FIND));
        PixelMedTuning.setReadTimeout(association, readTimeout);
        try {
            new FindSOPClassSCU(association, FIND, identifier, new IdentifierHandler() {
                @Override
                public void doSomethingWithIdentifier(AttributeList match) {
                    handler.accept(match);
                }
            });
            StorageScu.releaseQuietly(association, archive);
        } catch (DicomNetworkException e) {
            StorageScu.abortQuietly(association);
            throw new IOException("C-FIND at " + archive + " failed: " + e.getMessage(), e);
        } catch (DicomException e) {
            StorageScu.abortQuietly(association);
            throw new IOException("C-FIND at " + archive + " got an unreadable response: " + e.getMessage(), e);
        }
    }

    private static LinkedList<PresentationContext> contexts(String sopClass) {
        LinkedList<PresentationContext> contexts = new LinkedList<>();
        contexts.add(new PresentationContext((byte) 1, sopClass, TransferSyntax.ExplicitVRLittleEndian));
        contexts.add(new PresentationContext((byte) 3, sopClass, TransferSyntax.ImplicitVRLittleEndian));
        return contexts;
    }

    private static void put(AttributeList list, Attribute attribute, String value) throws DicomException {
        if (value != null) {
            attribute.addValue(value);
        }
        list.put(attribute);
    }

    private static String string(AttributeList list, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }

    private static LocalDate date(AttributeList list) {
        try {
            return LocalDate.parse(string(list, TagFromName.StudyDate), DA);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
