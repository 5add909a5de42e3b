/* The grouped scatter's memory pattern without .NET: 1,000,000 rows with random group ids (15,000 groups = agent x
 * day over a month, or 150 = channel x day), each row adding four score counters and a 64-byte line of sums to its
 * group's record, prefetching the record 16 rows ahead. Times one thread over all rows and two threads (pinned to
 * CPUs 0 and 1, each zeroing its own copy of the records first) over half each; best of 10, eight repetitions.
 * It measures what this machine gives the scatter on two cores at the moment it runs (docs/grouping-performance-log.md,
 * "Fourteenth session").
 *   gcc -O2 -pthread eng/probes/scatter.c -o /tmp/scatter && /tmp/scatter 15000 48   (48 = 192-byte records; 32 = 128)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <string.h>
#include <xmmintrin.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
#define N 1000000
static int G=15000; static int REC=48; /* uint32 per record: 192 bytes */
static int *gid; static uint64_t *col[6]; static uint8_t *sc[4];
typedef struct {int from,to; uint32_t*rec; int cpu; pthread_barrier_t*bar; double t;} arg_t;
static void scatter(int from,int to,uint32_t*rec){
 for(int i=from;i<to;i++){
  if(i+16<to){uint32_t*r=rec+(size_t)gid[i+16]*REC;_mm_prefetch((char*)r,_MM_HINT_T0);_mm_prefetch((char*)r+64,_MM_HINT_T0);if(REC==48)_mm_prefetch((char*)r+128,_MM_HINT_T0);}
  uint32_t*r=rec+(size_t)gid[i]*REC;
  if(REC==48){r[16+(sc[0][i]&15)]++; r[24+(sc[1][i]&15)]++; r[36+(sc[2][i]&7)]++; r[44+(sc[3][i]&3)]++;} else {uint16_t*h=(uint16_t*)(r+16); h[(sc[0][i]&7)]++; h[8+(sc[1][i]&15)]++; h[20+(sc[2][i]&7)]++; h[28+(sc[3][i]&3)]++;}
  uint64_t*l=(uint64_t*)r; l[0]+=col[0][i]+col[1][i]+col[2][i]; l[1]+=col[3][i]; l[2]+=col[4][i]; l[3]+= (col[5][i]>col[3][i]); l[4]+=0x100001;
 }}
static void*run(void*p){arg_t*a=p;cpu_set_t s;CPU_ZERO(&s);CPU_SET(a->cpu,&s);pthread_setaffinity_np(pthread_self(),sizeof s,&s);
 memset(a->rec,0,(size_t)G*REC*4); if(a->bar)pthread_barrier_wait(a->bar); double t0=now(); scatter(a->from,a->to,a->rec); a->t=now()-t0; return 0;}
int main(int argc,char**argv){ if(argc>1)G=atoi(argv[1]); if(argc>2)REC=atoi(argv[2]);
 gid=malloc(N*4); uint64_t x=1234567; for(int i=0;i<N;i++){x^=x<<13;x^=x>>7;x^=x<<17;gid[i]=x%G;}
 for(int c=0;c<6;c++){col[c]=malloc(N*8);for(int i=0;i<N;i++)col[c][i]=i*7+c;}
 for(int c=0;c<4;c++){sc[c]=malloc(N);for(int i=0;i<N;i++)sc[c][i]=(i*31+c)%11;}
 uint32_t*r0=aligned_alloc(64,(size_t)G*REC*4),*r1=aligned_alloc(64,(size_t)G*REC*4);
 for(int rep=0;rep<8;rep++){
  double best1=1e9,best2=1e9;
  for(int k=0;k<10;k++){arg_t a={0,N,r0,0,0};run(&a); if(a.t<best1)best1=a.t;}
  for(int k=0;k<10;k++){pthread_barrier_t bar;pthread_barrier_init(&bar,0,2);
   arg_t a={0,N/2,r0,0,&bar},b={N/2,N,r1,1,&bar};pthread_t t0,t1;pthread_create(&t0,0,run,&a);pthread_create(&t1,0,run,&b);pthread_join(t0,0);pthread_join(t1,0);
   double t=a.t>b.t?a.t:b.t; if(t<best2)best2=t; if(k==9)printf("  cpu0 %.2f cpu1 %.2f\n",a.t*1e3,b.t*1e3);}
  printf("G=%d one %.2f ms, two %.2f ms, ratio %.2f\n",G,best1*1e3,best2*1e3,best1/best2);}
}
