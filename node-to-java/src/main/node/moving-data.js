// Moving bytes between a Node.js Buffer and a Java byte[] through node-java (npm `java` 0.18.0),
// with sync calls. What node-java does with each form (its src-cpp/, read for this lesson):
// - a Buffer or typed array passed where Java wants byte[]: converted to null (v8ToJava knows
//   arrays, strings, numbers, booleans and Java objects, nothing else). Never do that.
// - java.newArray('byte', array): a JS array only; per element a java.lang.Integer, a class and
//   method look-up and a one-byte SetByteArrayRegion. Slow at any size.
// - a string: copied whole (UTF-16, then Java's compact Latin-1 String): a Buffer as a 'latin1'
//   string crosses in a few bulk copies. Back from Java a string goes through UTF-8 instead.
// - a byte[] returned by Java: copied whole into a new Int8Array (signed: view it as a Buffer).
'use strict';
const { java } = require('./calculator.js');

const MovingData = java.import('nodetojava.MovingData');

/** JS -> Java, element by element: a Java byte[] made from the Buffer's bytes, handed to receiver.receive. */
function sendByElements(receiver, buffer) {
  receiver.receive(java.newArray('byte', Array.from(buffer)));
}

/** JS -> Java in bulk: the Buffer as a Latin-1 string (one char per byte); Java takes its bytes. */
function sendAsLatin1(receiver, buffer) {
  receiver.receiveLatin1(buffer.toString('latin1'));
}

/** The trap: a Buffer where Java wants byte[] arrives as null (MovingData.receive refuses it). */
function sendBufferAsIs(receiver, buffer) {
  receiver.receive(buffer);
}

/** Java -> JS: the byte[] arrives as a new Int8Array; a Buffer over the same memory, no second copy. */
function fetchBytes(source) {
  const bytes = source.payload();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Java -> JS as a Latin-1 string (node-java decodes it from UTF-8), back into a new Buffer. */
function fetchAsLatin1(source) {
  return Buffer.from(source.payloadLatin1(), 'latin1');
}

/** The same checksum as MovingData.checksum in Java: 32-bit FNV-1a, unsigned. */
function checksum(buffer) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < buffer.length; i++) {
    hash = Math.imul(hash ^ buffer[i], 0x01000193);
  }
  return hash >>> 0;
}

/** The test pattern of MovingData.pattern: byte i is (i * 31 + 7) & 0xff. */
function pattern(size) {
  const buffer = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buffer[i] = (i * 31 + 7) & 0xff;
  return buffer;
}

module.exports = { java, MovingData, sendByElements, sendAsLatin1, sendBufferAsIs, fetchBytes, fetchAsLatin1, checksum, pattern };
