"""The HTTP API over synthdata (see issue: HTTP API); empty until then."""
