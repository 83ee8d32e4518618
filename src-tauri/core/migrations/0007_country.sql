-- The country the business is in: how its phone numbers are checked, its emergency numbers
-- and its paper. Unknown (NULL) for a plan made before Steady asked.
ALTER TABLE business ADD COLUMN country TEXT;
