"""The council's pages, by feature: roster, sessions, agenda items and votes, protocol."""
