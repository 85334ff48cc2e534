"""Everything that prints or prompts. The only package that imports questionary."""
