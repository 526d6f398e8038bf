CREATE TABLE IF NOT EXISTS series_job (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    study_instance_uid  VARCHAR(64)   NOT NULL,
    series_instance_uid VARCHAR(64)   NOT NULL UNIQUE,
    modality            VARCHAR(16),
    instance_count      INT           NOT NULL,
    generation          INT           NOT NULL,
    state               VARCHAR(16)   NOT NULL,
    reason_code         VARCHAR(64),
    reason_detail       VARCHAR(2000),
    first_received_at   TIMESTAMP WITH TIME ZONE,
    last_received_at    TIMESTAMP WITH TIME ZONE,
    completed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    volume_columns      INT,
    volume_rows         INT,
    volume_slices       INT,
    spacing_x_mm        DOUBLE PRECISION,
    spacing_y_mm        DOUBLE PRECISION,
    spacing_z_mm        DOUBLE PRECISION,
    hu_min              DOUBLE PRECISION,
    hu_max              DOUBLE PRECISION,
    algorithm           VARCHAR(512),
    findings_json       CLOB,
    results_dir         VARCHAR(1024),
    report_sop_instance_uid VARCHAR(64)
);

CREATE INDEX IF NOT EXISTS series_job_state ON series_job (state);
CREATE INDEX IF NOT EXISTS series_job_study ON series_job (study_instance_uid);

CREATE TABLE IF NOT EXISTS stage_timing (
    job_id     BIGINT      NOT NULL REFERENCES series_job (id) ON DELETE CASCADE,
    generation INT         NOT NULL,
    seq        INT         NOT NULL,
    stage      VARCHAR(32) NOT NULL,
    millis     BIGINT      NOT NULL,
    PRIMARY KEY (job_id, generation, seq)
);

CREATE TABLE IF NOT EXISTS delivery (
    job_id      BIGINT        NOT NULL REFERENCES series_job (id) ON DELETE CASCADE,
    generation  INT           NOT NULL,
    destination VARCHAR(128)  NOT NULL,
    state       VARCHAR(16)   NOT NULL,
    attempts    INT           NOT NULL,
    last_error  VARCHAR(2000),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (job_id, generation, destination)
);

-- reason codes are the stable lower-case codes (e.g. not-ct-modality); databases written before 0.1.0 held the
-- enum names (NOT_CT_MODALITY)
UPDATE series_job SET reason_code = LOWER(REPLACE(reason_code, '_', '-'))
WHERE reason_code IS NOT NULL AND reason_code <> LOWER(REPLACE(reason_code, '_', '-'));
