"""EventDesk's Streamlit dashboard. It reads the store through core.queries and parses only through core."""
