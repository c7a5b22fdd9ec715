from django.dispatch import Signal

# Sent after a Kepala Bidang approves a disposition; the village module nominates a candidate on it,
# case management opens a referral.
disposition_approved = Signal()
