// Big-integer arithmetic: each operation is a single call into java.math.BigInteger.
console.log(String((7n ** 3000000n) ** 8n).length);
