-- Case numbers are handed out by each instance from blocks of 50 (one sequence call per block).
ALTER SEQUENCE incident_number_seq INCREMENT BY 50;
