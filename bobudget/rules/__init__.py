"""The rules the program decides by: pure functions, each named, sourced and tested."""
