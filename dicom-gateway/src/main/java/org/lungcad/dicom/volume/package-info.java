/**
 * Loading a qualified CT series as a {@link org.lungcad.dicom.volume.CtVolume}: Hounsfield units on a
 * regular grid with its LPS affine, decoded slice by slice by PixelMed (uncompressed, RLE, JPEG lossless,
 * JPEG 2000). Same voxel order and affine convention as the detector's own volume type, without depending on it.
 */
package org.lungcad.dicom.volume;
