-- Phone numbers are stored encrypted (org.wangge.security.PersonalDataCipher: "enc1:" + base64 of
-- IV, ciphertext and tag, about 85 characters for a 30-character number). Widen the columns; NOT NULL
-- stays as it was. The Java migration 1.9 (V1_9__EncryptPhones) then encrypts existing values.
ALTER TABLE member ALTER COLUMN phone SET DATA TYPE VARCHAR(200);
ALTER TABLE department ALTER COLUMN phone SET DATA TYPE VARCHAR(200);
ALTER TABLE incident ALTER COLUMN reporter_phone SET DATA TYPE VARCHAR(200);
