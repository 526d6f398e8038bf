/**
 * LUNA16 evaluation of nodule detections against a reference standard: CSV input and output
 * ({@link org.lungcad.model.evaluation.Luna16Csv}), the FROC curve, the competition performance metric (CPM)
 * and sensitivity per bucket at one operating point ({@link org.lungcad.model.evaluation.FrocEvaluator}),
 * and a plain-text table for people ({@link org.lungcad.model.evaluation.FrocReport}).
 *
 * <p>Scoring follows the LUNA16 evaluation script {@code noduleCADEvaluationLUNA16.py} (Setio et al. 2017),
 * so numbers compare with published ones:
 * <ul>
 *   <li>a detection hits a nodule when its squared distance to the nodule centre is strictly less than the
 *       squared radius ({@code dist < r*r}; a detection exactly on the radius is not a hit);</li>
 *   <li>a nodule counts once, with the score of its highest-scoring hit; further hits on it are ignored;</li>
 *   <li>a detection that hits no nodule but lies strictly inside an irrelevant (excluded) finding is ignored;
 *       an excluded finding whose diameter is negative (LUNA16 writes -1) gets a 10 mm diameter, as the script
 *       does;</li>
 *   <li>every other detection is a false positive; at most 100 marks per scan are scored (the script's
 *       {@code maxNumberOfCADMarks=100}: marks scoring strictly above the 101st best are kept);</li>
 *   <li>sensitivity at 1/8 ... 8 FPs per scan is read off the FROC curve by linear interpolation with
 *       {@code numpy.interp} semantics (the script's {@code np.interp(fps_itp, fps, sens)}).</li>
 * </ul>
 */
package org.lungcad.model.evaluation;
