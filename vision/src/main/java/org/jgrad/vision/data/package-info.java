/**
 * Dataset readers: each turns a folder of images plus its label file into a list of
 * {@link org.jgrad.vision.data.Sample}s (image path, label 0 benign / 1 malignant, optional
 * grouping key and metadata).
 *
 * <p>Supported layouts, each as its public download ships it: ISIC 2016 Part 3, ISIC 2017, ISIC
 * 2018 Task 3, ISIC 2019 (optional {@code ISIC_2019_Training_Metadata.csv} with {@code lesion_id}),
 * ISIC 2020 from the ISIC site or Kaggle, HAM10000, and folder-per-class trees. Official
 * train/validation/test divisions are kept as sample metadata ({@link org.jgrad.vision.data.Division}). {@link org.jgrad.vision.data.DatasetReader} detects which one a folder
 * holds. Readers never write to the data folder. Bad rows and missing images raise a
 * {@link org.jgrad.vision.data.BadInputException} that names the file and line, or are skipped
 * and listed when {@code skipBad} is on.
 */
package org.jgrad.vision.data;
