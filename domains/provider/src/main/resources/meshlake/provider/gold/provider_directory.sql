-- The provider directory: every practitioner of the FHIR extracts and every provider of the CSV extracts, one
-- row per provider id (FHIR wins where both describe one). Roles, organizations and locations may be referenced
-- by id or by identifier (Synthea 3 references a practitioner by NPI, an organization or location by its
-- Synthea identifier, which equals its id). The practice address is the practitioner's own, else the role's
-- location's, else the organization's.
WITH roles AS (
  SELECT coalesce(r.practitioner_id, p.practitioner_id) AS practitioner_id,
         coalesce(r.organization_id, r.organization_identifier) AS organization_id,
         coalesce(r.location_id, r.location_identifier) AS location_id,
         coalesce(r.specialty, r.specialty_display, r.specialty_code) AS specialty,
         r.phone,
         row_number() OVER (PARTITION BY coalesce(r.practitioner_id, p.practitioner_id)
                            ORDER BY coalesce(r.active, true) DESC, r.role_id) AS preference
  FROM practitioner_roles r
  LEFT JOIN practitioners p ON r.practitioner_id IS NULL AND p.npi = r.practitioner_npi
),
all_organizations AS (
  SELECT organization_id, name, address_line, city, state, postal_code, phone FROM organizations
  UNION ALL
  SELECT organization_id, name, address_line, city, state, postal_code, phone FROM csv_organizations
  WHERE organization_id NOT IN (SELECT organization_id FROM organizations)
),
fhir AS (
  SELECT p.practitioner_id AS provider_id,
         p.npi,
         coalesce(p.name_text, nullif(concat_ws(' ', nullif(p.prefix, ''), nullif(p.given_names, ''), p.family_name), ''))
             AS name,
         p.gender,
         r.specialty,
         coalesce(r.organization_id, l.organization_id, l.organization_identifier) AS organization_id,
         CASE WHEN p.city IS NOT NULL THEN p.address_line WHEN l.city IS NOT NULL THEN l.address_line
              ELSE o.address_line END AS address_line,
         coalesce(p.city, l.city, o.city) AS city,
         coalesce(p.state, l.state, o.state) AS state,
         coalesce(p.postal_code, l.postal_code, o.postal_code) AS postal_code,
         coalesce(p.phone, r.phone, l.phone, o.phone) AS phone,
         CAST(l.latitude AS DOUBLE) AS latitude,
         CAST(l.longitude AS DOUBLE) AS longitude,
         'fhir' AS source
  FROM practitioners p
  LEFT JOIN roles r ON r.practitioner_id = p.practitioner_id AND r.preference = 1
  LEFT JOIN locations l ON l.location_id = r.location_id
  LEFT JOIN all_organizations o ON o.organization_id = coalesce(r.organization_id, l.organization_id, l.organization_identifier)
),
csv AS (
  SELECT c.provider_id, c.npi, c.name,
         CASE c.gender WHEN 'F' THEN 'female' WHEN 'M' THEN 'male' ELSE lower(c.gender) END AS gender,
         c.specialty, c.organization_id, c.address_line, c.city, c.state, c.postal_code, o.phone,
         c.latitude, c.longitude, 'csv' AS source
  FROM csv_providers c
  LEFT JOIN csv_organizations o ON o.organization_id = c.organization_id
  WHERE c.provider_id NOT IN (SELECT provider_id FROM fhir)
),
directory AS (
  SELECT * FROM fhir
  UNION ALL
  SELECT * FROM csv
)
SELECT d.provider_id, d.npi, d.name, d.gender, d.specialty, d.organization_id, o.name AS organization_name,
       d.address_line, d.city, d.state, d.postal_code, d.phone, d.latitude, d.longitude, d.source
FROM directory d
LEFT JOIN all_organizations o ON o.organization_id = d.organization_id
