"""The Statistik part of the window: the period picker, the tables and charts, the dialogs."""
