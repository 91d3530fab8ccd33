"""Services: one module per piece of work; each public function is one unit of work."""
