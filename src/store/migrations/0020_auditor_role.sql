-- The auditor role (issue 7): reads the audit log and who saw whose data; changes nothing.
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (
  'admin', 'planner', 'departmentOfficer', 'districtOfficer', 'viewer',
  'resident', 'caseWorker', 'supervisor', 'auditor'
));
