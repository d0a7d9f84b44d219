"""Pages: `sublets` (list, detail, placement, follow-up, takeover, end), `money` (inspection and
rent), `figures` (goal fulfilment, vacancy cost, placements)."""
