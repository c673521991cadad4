"""Vietnamese legal structure for the State Compensation Liability site.

The package holds everything that is really ours: the legal model (chương, mục,
điều, khoản, điểm), the one naming scheme for anchors (:mod:`lawsite.ids`), the
importer of the official sources, the single citation grammar, the
Python-Markdown extensions that render and link law text, and the checks the
publish pipeline runs. MkDocs only sees thin adaptors (``hooks/``).
"""
