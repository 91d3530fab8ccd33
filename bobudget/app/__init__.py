"""What spans the domains: Att göra and the due list, the person card and timeline, and the letter
service that assembles each domain's letter data.
"""
