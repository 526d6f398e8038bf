package org.lungcad.dicom.net;

import java.io.IOException;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the prior CT study a follow-up comparison is made against: the same patient's most recent study dated before
 * the current one, within the look-back, that has a CT series. Never across patients: without a Patient ID there is
 * no search, and an archive's answer for another Patient ID (or Issuer) is not used. Every "no prior" has a reason.
 *
 * @param lookBack how far back a prior may be (default 5 years)
 */
public record PriorStudySearch(QueryRetrieveScu scu, DicomNode archive, String callingAeTitle, Period lookBack) {

    public PriorStudySearch {
        Objects.requireNonNull(scu, "scu");
        Objects.requireNonNull(archive, "archive");
        StorageScpConfig.requireAeTitle(callingAeTitle, "callingAeTitle");
        Objects.requireNonNull(lookBack, "lookBack");
        if (lookBack.isNegative() || lookBack.isZero()) {
            throw new IllegalArgumentException("look-back must be positive: " + lookBack);
        }
    }

    /** The current study as far as the search needs it. */
    public record CurrentStudy(String studyInstanceUid, String patientId, String issuerOfPatientId,
                               LocalDate studyDate) {
    }

    /** A prior, its CT series (at least one), or why there is none. */
    public record Result(Optional<QueryRetrieveScu.StudyMatch> prior, List<QueryRetrieveScu.SeriesMatch> ctSeries,
                         String reason) {
        static Result none(String reason) {
            return new Result(Optional.empty(), List.of(), reason);
        }
    }

    /**
     * @throws IOException when the archive cannot be asked (down, refusing the association or the query): the
     *                     caller reports without comparison and says so
     */
    public Result find(CurrentStudy current) throws IOException {
        if (current.patientId() == null || current.patientId().isBlank()) {
            return Result.none("no comparison: the current study has no Patient ID");
        }
        if (current.studyDate() == null) {
            return Result.none("no comparison: the current study has no Study Date");
        }
        LocalDate latest = current.studyDate().minusDays(1);
        LocalDate earliest = current.studyDate().minus(lookBack);
        List<QueryRetrieveScu.StudyMatch> studies = scu.findStudies(archive, callingAeTitle,
                new QueryRetrieveScu.StudyQuery(current.patientId().trim(), current.issuerOfPatientId(), earliest,
                        latest));
        int withoutCt = 0;
        for (QueryRetrieveScu.StudyMatch study : studies) {
            if (study.studyInstanceUid().equals(current.studyInstanceUid())) {
                continue;
            }
            List<QueryRetrieveScu.SeriesMatch> ct = scu.findSeries(archive, callingAeTitle, study.studyInstanceUid())
                    .stream().filter(s -> "CT".equals(s.modality())).toList();
            if (!ct.isEmpty()) {
                return new Result(Optional.of(study), ct, "prior study " + study.studyInstanceUid() + " of "
                        + study.studyDate() + " (" + studies.size() + " earlier stud" + (studies.size() == 1 ? "y"
                        : "ies") + " of the patient in the look-back)");
            }
            withoutCt++;
        }
        return Result.none(studies.isEmpty()
                ? "no comparison: no earlier study of the patient from " + earliest + " to " + latest + " at " + archive
                : "no comparison: none of the patient's " + withoutCt + " earlier stud" + (withoutCt == 1 ? "y has"
                        : "ies have") + " a CT series");
    }
}
