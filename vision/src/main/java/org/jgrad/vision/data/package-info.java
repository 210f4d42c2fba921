/**
 * Dataset readers: each turns a folder of images plus its label file into a list of
 * {@link org.jgrad.vision.data.Sample}s (image path, label 0 benign / 1 malignant, optional
 * grouping key and metadata).
 *
 * <p>Supported layouts: ISIC 2019 ({@code ISIC_2019_Training_GroundTruth.csv}, optional
 * {@code ISIC_2019_Training_Metadata.csv} with {@code lesion_id}), ISIC 2020 ({@code image_name,
 * patient_id, ..., target}), ISIC 2017 ({@code image_id,melanoma,seborrheic_keratosis}) and
 * folder-per-class trees. {@link org.jgrad.vision.data.DatasetReader} detects which one a folder
 * holds. Readers never write to the data folder. Bad rows and missing images raise a
 * {@link org.jgrad.vision.data.BadInputException} that names the file and line, or are skipped
 * and listed when {@code skipBad} is on.
 */
package org.jgrad.vision.data;
