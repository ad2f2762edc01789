-- One row per member with identity and demographics, as the latest extract has them.
SELECT member_id,
       first_name,
       last_name,
       birth_date,
       death_date,
       gender,
       race,
       ethnicity,
       marital_status,
       ssn,
       address,
       city,
       county,
       state,
       zip
FROM member_records
