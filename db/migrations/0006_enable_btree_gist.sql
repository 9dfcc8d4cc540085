-- Lets a GiST index lead with company_id (an equality on a uuid) before a trigram column, so a
-- company's name search walks only that company's entries (users_company_name_knn_idx).
CREATE EXTENSION IF NOT EXISTS btree_gist;
