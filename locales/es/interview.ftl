# interview
