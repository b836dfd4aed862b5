print("kvitto")
