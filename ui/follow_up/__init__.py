"""The Uppföljning page's parts: its tables, forms and tabs."""
