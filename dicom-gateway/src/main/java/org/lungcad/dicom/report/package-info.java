/**
 * The DICOM results of one analysed CT series (DESIGN.md, decision 5).
 *
 * <p>{@link org.lungcad.dicom.report.MeasurementReportWriter} writes a TID 1500 Imaging Measurement Report as a
 * Comprehensive 3D SR, shaped for OHIF 3; {@link org.lungcad.dicom.report.FindingOverlayWriter} writes the key images
 * as a Secondary Capture series (and the same renderings as PNG). Both take a
 * {@link org.lungcad.dicom.report.ReportRequest}: the source series and volume, the findings as this package's own
 * {@link org.lungcad.dicom.report.ReportedFinding} records (the gateway does not depend on the detector), and every
 * UID, chosen by the caller so that a resend reuses them. Codes and their sources are in {@code SrCodes}; the SR
 * content is built template by template ({@code MeasurementReportTemplate} TID 1500, {@code ImageLibraryTemplate}
 * TID 1600, {@code PlanarRoiGroupTemplate} TID 1410/1419, {@code AlgorithmIdentificationTemplate} TID 4019).
 */
package org.lungcad.dicom.report;
