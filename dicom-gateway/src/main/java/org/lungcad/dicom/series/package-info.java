/**
 * From received instances to a series worth analysing: {@link org.lungcad.dicom.series.SeriesAssembler}
 * groups instances by Series Instance UID and completes a series after a quiet period;
 * {@link org.lungcad.dicom.series.SeriesQualifier} checks it against
 * {@link org.lungcad.dicom.series.QualificationRules} (data, bound from configuration) and either returns a
 * {@link org.lungcad.dicom.series.QualifiedSeries} in slice order or a skip with a
 * {@link org.lungcad.dicom.series.SkipReason} and a sentence for the PACS admin.
 */
package org.lungcad.dicom.series;
