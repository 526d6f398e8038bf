package org.lungcad.dicom.report;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.StructuredReport;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * Writes the TID 1500 Imaging Measurement Report of one analysed CT series as a Comprehensive 3D SR instance
 * (DESIGN.md, decision 5). Stateless and thread-safe.
 */
public final class MeasurementReportWriter {

    public static final String COMPREHENSIVE_3D_SR_STORAGE = "1.2.840.10008.5.1.4.1.1.88.34";
    public static final String SERIES_DESCRIPTION = "LungCAD CAD nodule report (not for diagnosis)";

    /** Writes the report into {@code folder} as {@code SR_<SOP Instance UID>.dcm}. */
    public WrittenInstance write(ReportRequest request, Path folder) throws IOException {
        AttributeList list;
        try {
            list = build(request);
        } catch (DicomException e) {
            throw new IOException("cannot build the measurement report: " + e.getMessage(), e);
        }
        Files.createDirectories(folder);
        Path file = folder.resolve("SR_" + request.reportSopInstanceUid() + ".dcm");
        OutputStamp.write(list, file);
        return new WrittenInstance(file, COMPREHENSIVE_3D_SR_STORAGE, request.reportSopInstanceUid(),
                request.reportSeries().seriesInstanceUid());
    }

    /** The complete data set, without file meta information. */
    AttributeList build(ReportRequest request) throws IOException, DicomException {
        SourceStudy source = SourceStudy.read(request.source());
        AttributeList list = new StructuredReport(MeasurementReportTemplate.build(request, source)).getAttributeList();
        LocalDateTime created = request.contentDateTime();

        source.copyPatientAndStudy(list);
        OutputStamp.series(list, "SR", request.reportSeries(), SERIES_DESCRIPTION, created);
        DicomAttributes.putEmptySequence(list, TagFromName.ReferencedPerformedProcedureStepSequence);
        OutputStamp.equipment(list, request.algorithm());
        OutputStamp.sop(list, COMPREHENSIVE_3D_SR_STORAGE, request.reportSopInstanceUid(),
                request.reportInstanceNumber(), created);

        // SR Document General module
        DicomAttributes.putDate(list, TagFromName.ContentDate, created);
        DicomAttributes.putTime(list, TagFromName.ContentTime, created);
        DicomAttributes.put(list, TagFromName.CompletionFlag, "COMPLETE");
        DicomAttributes.put(list, TagFromName.VerificationFlag, "UNVERIFIED");
        DicomAttributes.putEmptySequence(list, TagFromName.PerformedProcedureCodeSequence);
        list.put(source.evidence());
        if (!request.findings().isEmpty()) {
            // only measurement groups use private codes
            list.put(privateCodingScheme());
        }
        return list;
    }

    /** Declares our private scheme (PS3.3 C.12.1.1.4 Coding Scheme Identification Sequence). */
    private static SequenceAttribute privateCodingScheme() throws DicomException {
        AttributeList item = new AttributeList();
        DicomAttributes.put(item, TagFromName.CodingSchemeDesignator, SrCodes.PRIVATE_SCHEME);
        DicomAttributes.put(item, TagFromName.CodingSchemeName, SrCodes.PRIVATE_SCHEME_NAME);
        DicomAttributes.put(item, TagFromName.CodingSchemeResponsibleOrganization, SrCodes.PRIVATE_SCHEME_ORGANIZATION);
        SequenceAttribute sequence = new SequenceAttribute(TagFromName.CodingSchemeIdentificationSequence);
        sequence.addItem(item);
        return sequence;
    }
}
