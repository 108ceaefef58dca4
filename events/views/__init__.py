"""Views grouped by audience: `public` (anonymous visitors), `teachers` (their pages under
/espace/)."""
